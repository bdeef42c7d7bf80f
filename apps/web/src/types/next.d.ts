// Stands in for the generated next-env.d.ts, so `tsc` works before the first `next build`.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
