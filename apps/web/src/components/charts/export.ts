/** Browser-side export of a drawn chart: its data as CSV, the chart itself as SVG or PNG. */

const STYLE_PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline'] as const;

/** Saves a blob under `filename` through a temporary link. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A standalone SVG document of `svg`: theme colours (CSS variables) are resolved by copying each element's
 * computed style inline, so the file looks the same outside the page.
 */
export function serializeSvg(svg: SVGSVGElement): { text: string; width: number; height: number } {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const source = [svg, ...svg.querySelectorAll('*')];
  const target = [clone, ...clone.querySelectorAll('*')];
  source.forEach((element, i) => {
    const computed = getComputedStyle(element);
    const style = STYLE_PROPS.map((prop) => `${prop}:${computed.getPropertyValue(prop)}`).join(';');
    // The computed values replace inline styles, which may name theme variables the file cannot resolve.
    target[i].setAttribute('style', style);
    for (const attribute of ['fill', 'stroke', 'stop-color']) {
      if (target[i].getAttribute(attribute)?.includes('var(')) target[i].setAttribute(attribute, computed.getPropertyValue(attribute));
    }
  });
  const box = svg.getBoundingClientRect();
  const width = Math.round(box.width);
  const height = Math.round(box.height);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const background = getComputedStyle(document.body).backgroundColor;
  clone.insertAdjacentHTML('afterbegin', `<rect width="100%" height="100%" fill="${background}"/>`);
  return { text: new XMLSerializer().serializeToString(clone), width, height };
}

/** Rasterises an SVG document at `scale`× its size. */
export async function svgToPng(svg: { text: string; width: number; height: number }, scale = 2): Promise<Blob> {
  const image = new Image();
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml' }));
  try {
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = svg.width * scale;
    canvas.height = svg.height * scale;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2-D canvas context');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
