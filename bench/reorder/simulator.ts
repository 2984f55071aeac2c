/** The demand simulator lives in src/domain (the demo shop ships it); the benchmark keeps this path. */
export * from '../../src/domain/demand-simulator.ts';
