/* API versions the simulated org serves: 20.0 up to the WSDL's version (66.0, Spring '26). */
import { WSDL } from './validate.js';

export const SUPPORTED_VERSION = Number(WSDL.version);

const SEASONS = ['Winter', 'Spring', 'Summer'];
/** v20.0 is Winter '11; three releases a year. */
function releaseLabel(v: number): string {
  const k = v - 20;
  return `${SEASONS[k % 3]} '${String(11 + Math.floor(k / 3)).padStart(2, '0')}`;
}

/** What GET /services/data answers. */
export const API_VERSIONS = Array.from({ length: SUPPORTED_VERSION - 20 + 1 }, (_, i) => 20 + i).map((v) => ({
  label: releaseLabel(v),
  url: `/services/data/v${v}.0`,
  version: `${v}.0`,
}));

export function versionOk(v: string): boolean {
  const n = Number(v);
  return /^\d+\.0$/.test(v) && n >= 20 && n <= SUPPORTED_VERSION;
}
