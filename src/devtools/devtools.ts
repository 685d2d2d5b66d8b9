/**
 * The devtools_page: lives as long as DevTools is open for a tab. It only registers the panel;
 * the panel page captures by itself (getHAR backfill + onRequestFinished), see docs/panel.md.
 */
import { createCorsPanel } from '../platform/devtools.js';

void createCorsPanel();
