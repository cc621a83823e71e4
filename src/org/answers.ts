/**
 * How the org layer reads Salesforce's answers. An answer is parsed before it is believed: one of another shape (an
 * HTML page, an empty body, a missing result) is "unreadable" and never taken for "absent".
 */

/** The error code Salesforce gave a refused call, as the org layer keeps it on its SfError's data; if any. */
export const errorCodeOf = (error: unknown): string | undefined => {
  const data = (error as { data?: unknown } | undefined)?.data;
  return typeof data === 'object' && data !== null ? (data as { errorCode?: string }).errorCode : undefined;
};

/** A Metadata API save or delete result, as jsforce gives it (booleans may come as strings). */
export type WireResult = {
  fullName?: string;
  success?: boolean | string;
  created?: boolean | string;
  errors?: WireError | WireError[];
};
export type WireError = { statusCode?: string; message?: string; fields?: string | string[] };

/** jsforce gives a repeated element that occurs once as the element itself, and none as undefined. */
export const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** An answer that came back but is not what the call answers (an HTML page, an empty body, a wrong shape). */
export function unreadableAnswer(what: string, detail: string): Error {
  return Object.assign(new Error(`${what}: ${detail}`), { name: 'UnreadableAnswerError' });
}

/** Salesforce's answer to a delete of a name or id it does not have (Metadata API, REST). */
export const isAbsentAnswer = (statusCode: string | undefined, message: string | undefined): boolean =>
  statusCode === 'ENTITY_IS_DELETED' ||
  statusCode === 'NOT_FOUND' ||
  (statusCode === 'INVALID_CROSS_REFERENCE_KEY' && /no \S+ named/i.test(message ?? ''));

/** A query result: records and their count (done and nextRecordsUrl when there are more batches). */
export function isQueryResult(answer: unknown): boolean {
  const shape = answer as { records?: unknown; totalSize?: unknown } | undefined;
  return Array.isArray(shape?.records) && typeof shape?.totalSize === 'number';
}

/** A record's save result is `{ id, success, errors }`: anything else was not understood. */
export const saveResultCheck =
  (what: string) =>
  (answer: unknown): void => {
    if (typeof (answer as { success?: unknown } | undefined)?.success !== 'boolean')
      throw unreadableAnswer(what, 'no save result');
  };

/** An sObject Collections write answers one save result per record sent: anything else was not understood. */
export const saveResultsCheck =
  (what: string, sent: number) =>
  (answer: unknown): void => {
    if (!Array.isArray(answer) || answer.length !== sent) throw unreadableAnswer(what, `${sent} save results expected`);
    answer.forEach(saveResultCheck(what));
  };

/** A Metadata API write answers one result per component sent, each with its success: anything else was not understood. */
export const wireResultsCheck =
  (what: string, sent: number) =>
  (answer: unknown): void => {
    const list = asArray(answer as WireResult | WireResult[] | undefined);
    if (list.length !== sent || !list.every((r) => typeof r === 'object' && r !== null && 'success' in r))
      throw unreadableAnswer(what, `${sent} result(s) expected, ${list.length} found`);
  };

/** Salesforce's errors of one result in one line, its first status code beside it. */
export function wireErrors(errors: WireError | WireError[] | undefined): { statusCode?: string; text: string } {
  const list = asArray(errors);
  return {
    statusCode: list[0]?.statusCode,
    text: list.map((e) => e.message ?? e.statusCode ?? 'unknown error').join(' ') || 'unknown error',
  };
}
