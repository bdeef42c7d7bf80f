/** Colours of series (models, chains, subsets) from the theme, usable by server and client components alike. */
export const SERIES_COLORS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)', 'var(--chart-5)', 'var(--chart-6)'] as const;

/** The colour of the i-th series, cycling. */
export const seriesColor = (i: number): string => SERIES_COLORS[i % SERIES_COLORS.length];
