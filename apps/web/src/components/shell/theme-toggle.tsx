'use client';

/** Switches between light and dark; the choice is kept in localStorage and applied before paint by the layout's script. */
export function ThemeToggle() {
  function toggle() {
    const root = document.documentElement;
    const current = root.dataset.theme ?? (window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
    const next = current === 'dark' ? 'light' : 'dark';
    root.dataset.theme = next;
    try {
      localStorage.setItem('classfit-theme', next);
    } catch {
      // Storage may be disabled; the theme still applies for this page view.
    }
  }
  return (
    <button type="button" onClick={toggle} aria-label="Toggle light or dark theme" title="Toggle light or dark theme" data-testid="theme-toggle">
      ◐
    </button>
  );
}

/** Runs in <head> before first paint: applies a stored theme choice, otherwise the OS preference rules via CSS. */
export const themeScript = `(function(){try{var t=localStorage.getItem("classfit-theme");if(t==="light"||t==="dark")document.documentElement.setAttribute("data-theme",t)}catch(e){}})()`;
