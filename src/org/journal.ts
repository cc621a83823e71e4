import { omitPaths, valueAt } from '../model/fields.js';
import type { CurrentState } from '../model/component.js';
import { Secret } from '../model/secret.js';
import { fieldsLeftOutOfBackups, fieldsSealedInBackups } from './platform-rules.js';
import type { PreviousVersion } from './port.js';

/**
 * The way back: every component this run is about to update or delete, as it was before, kept before the call is
 * sent (a write whose answer is lost may have landed). Credentials and write-once fields are left out of its fields;
 * a consumer key an update may replace is kept apart as a Secret, for the backup to seal (never to show).
 */
export class Journal {
  readonly #previous: PreviousVersion[] = [];

  /** Keeps what the org has of a component before a write changes it; a component it does not have has no past. */
  public keep(type: string, name: string, current: CurrentState): void {
    if (!current.exists) return;
    const sealed = Object.fromEntries(
      fieldsSealedInBackups(type).flatMap((path) => {
        const value = valueAt(current.fields, path);
        const text = value instanceof Secret ? value.reveal() : value;
        return typeof text === 'string' && text ? [[path, new Secret(text)]] : [];
      }),
    );
    this.#previous.push({
      type,
      name,
      ...(current.id ? { id: current.id } : {}),
      fields: omitPaths(current.fields, fieldsLeftOutOfBackups(type)),
      ...(Object.keys(sealed).length ? { sealed } : {}),
    });
  }

  /** What every update of this run replaced, for a backup the admin can go back to. */
  public previousVersions(): readonly PreviousVersion[] {
    return this.#previous;
  }
}
