/**
 * The collector's pages, one script for all of them: the path names the page
 * (the collector serves the same index.html at /, /login and /shop.html).
 */
import './fleet-login.ts';
import './fleet-overview.ts';
import './fleet-shop.ts';
import './fleet-board-post.ts';
import './fleet-enrol.ts';
import './fleet-import.ts';

const pages: Record<string, keyof HTMLElementTagNameMap> = {
  '/login': 'fleet-login',
  '/shop.html': 'fleet-shop',
  '/board.html': 'fleet-board-post',
  '/enrol.html': 'fleet-enrol',
  '/import.html': 'fleet-import',
};
document.body.append(document.createElement(pages[location.pathname] ?? 'fleet-overview'));
