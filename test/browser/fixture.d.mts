// Types of fixture.mjs.
import type { Har } from 'har-format';
import type { Capture, OracleRow } from './capture.d.mts';

export interface CapturedFixture {
  description: string;
  chromium: string;
  puppeteer: string;
  lab: Capture['lab'];
  scenarios: { id: string; group: string | null; title: string | null; expect: string | null }[];
  oracle: OracleRow[];
  har: Har;
}

export const FIXTURE_PATH: string;
export function fixtureFromCapture(capture: Capture): CapturedFixture;
