/**
 * Synthetic but paper-shaped numbers for the dashboard's browser tests (METHOD.md I.2–I.6): stages 1–2 show
 * one mode, stages 3–4 two (a few classes' groups differ between models), relative entropy tracks the mean
 * log-density, KL jumps between stages 2 and 3, generative F1 grows with depth. Deterministic for a seed.
 */

/** CIFAR-100 fine labels, in label order. */
export const CIFAR100_CLASSES = (
  'apple aquarium_fish baby bear beaver bed bee beetle bicycle bottle bowl boy bridge bus butterfly camel can castle ' +
  'caterpillar cattle chair chimpanzee clock cloud cockroach couch crab crocodile cup dinosaur dolphin elephant flatfish ' +
  'forest fox girl hamster house kangaroo keyboard lamp lawn_mower leopard lion lizard lobster man maple_tree motorcycle ' +
  'mountain mouse mushroom oak_tree orange orchid otter palm_tree pear pickup_truck pine_tree plain plate poppy porcupine ' +
  'possum rabbit raccoon ray road rocket rose sea seal shark shrew skunk skyscraper snail snake spider squirrel streetcar ' +
  'sunflower sweet_pepper table tank telephone television tiger tractor train trout tulip turtle wardrobe whale willow_tree ' +
  'wolf woman worm'
).split(' ');

/** mulberry32: a tiny seeded generator, enough for test fixtures. */
export function makeRandom(seed: number): { uniform(): number; normal(mean?: number, sd?: number): number } {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    uniform,
    normal(mean = 0, sd = 1) {
      const u = Math.max(uniform(), 1e-12);
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
    },
  };
}

/** The largest-gap split of class means (METHOD.md H.1): threshold at the gap's midpoint. */
export function largestGapSplit(means: readonly number[]): { threshold: number; gap: number; high: boolean[] } {
  const sorted = [...means].sort((a, b) => a - b);
  let gap = -Infinity;
  let at = 0;
  for (let i = 0; i + 1 < sorted.length; i++) {
    if (sorted[i + 1] - sorted[i] > gap) {
      gap = sorted[i + 1] - sorted[i];
      at = i;
    }
  }
  const threshold = (sorted[at] + sorted[at + 1]) / 2;
  return { threshold, gap, high: means.map((m) => m > threshold) };
}

/** Paper values per stage (RN18 CIFAR-100) used as centres. */
export const KL_BY_STAGE = { least: [21.7, 24.9, 107.9, 122.3], random: [15.8, 17.7, 87.9, 102.0], most: [13.4, 14.4, 76.2, 89.2] } as const;
export const F1_BY_STAGE = { least: [0.574, 0.693, 0.952, 0.989], random: [0.269, 0.353, 0.645, 0.865], most: [0.028, 0.022, 0.094, 0.502] } as const;

/** Side of the seeded example images (RGB), pixels. */
export const SEED_IMAGE_SIZE = 8;

/**
 * Pixel (y, x, k) of the seeded image of example `index`: a diagonal ramp whose colour depends on the example, so
 * every thumbnail differs and a test can check the pixels it sees.
 */
export function seedImagePixel(index: number, y: number, x: number, k: number): number {
  return (index * 37 + (y + x) * 12 + k * 85) % 256;
}

/** The seeded images of `count` examples: uint8 [count, 8, 8, 3]. */
export function seedImages(count: number): Uint8Array {
  const s = SEED_IMAGE_SIZE;
  const data = new Uint8Array(count * s * s * 3);
  for (let i = 0; i < count; i++) for (let y = 0; y < s; y++) for (let x = 0; x < s; x++) for (let k = 0; k < 3; k++) data[((i * s + y) * s + x) * 3 + k] = seedImagePixel(i, y, x, k);
  return data;
}
