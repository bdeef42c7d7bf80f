export declare const sharedTestConfig: { testTimeout: number; hookTimeout: number; pool: 'forks' };
