/**
 * Shared state of the kiosk, provided once by <kiosk-app> and consumed with
 * @consume() wherever it is shown. All contexts live in this one module so
 * there is one place to see what is shared.
 */
import { createContext } from '@lit/context';
import type { ScannerState } from './domain/scan-protocol.ts';

/** Connection to the terminal service's /scans WebSocket. */
export type ServiceConnection = 'connecting' | 'open' | 'closed';

/** The scanners the terminal service knows about, as last reported by it. */
export const scannerStatesContext = createContext<ScannerState[]>(Symbol('kiosk-scanner-states'));

/** Whether the page is connected to the terminal service. */
export const connectionContext = createContext<ServiceConnection>(Symbol('kiosk-connection'));
