/** mulberry32 lives in src/domain (the demo shop ships it); the tests keep this path. */
export { mulberry32 } from '../../src/domain/mulberry32.ts';
