/**
 * The collector's pages, one script for all three: the path names the page
 * (the collector serves the same index.html at /, /login and /shop.html).
 */
import './fleet-login.ts';
import './fleet-overview.ts';
import './fleet-shop.ts';

const pages: Record<string, keyof HTMLElementTagNameMap> = {
  '/login': 'fleet-login',
  '/shop.html': 'fleet-shop',
};
document.body.append(document.createElement(pages[location.pathname] ?? 'fleet-overview'));
