/* A fake org at the OrgPort boundary for the Voice Connector steps: SOQL answered from tables, writes recorded. */
import { SfError } from '@salesforce/core';
import type { CurrentState, MetadataComponent, RecordComponent } from '../../src/model/component.js';
import type { OrgFacts, OrgPort, WriteOutcome } from '../../src/org/port.js';
import type { StepContext } from '../../src/steps/step.js';

type Row = Record<string, unknown>;

export class FakeVoiceOrg {
  public sitesEnabled = true;
  public sites: Row[] = [];
  public pages: Row[] = [{ Id: '066000000000001AAA', Name: 'SiteLogin', NamespacePrefix: null }];
  public users: Row[] = [
    {
      Id: '005000000000001AAA',
      Username: 'admin@acme.com',
      Name: 'Admin User',
      IsActive: true,
      ProfileId: '00e000000000001AAA',
      UserType: 'Standard',
      Profile: { Name: 'System Administrator' },
    },
  ];
  public profiles: Row[] = [{ Id: '00e000000000001AAA', Name: 'System Administrator' }];
  public permissionSets: Row[] = [];
  public assignments: Row[] = [];
  public objectPermissions: Row[] = [];
  public metadata = new Map<string, Row>();
  public writes: Array<{ kind: string; name: string; sent: unknown }> = [];
  public refuseRecord?: (c: RecordComponent) => WriteOutcome | undefined;
  public queries: string[] = [];

  public facts: OrgFacts = {
    orgId: '00D000000000001AAA',
    myDomainUrl: 'https://acme.my.salesforce.com',
    userId: '005000000000001AAA',
    username: 'admin@acme.com',
  };

  public async query<T extends Row>(soql: string): Promise<T[]> {
    this.queries.push(soql);
    return this.answer(soql) as T[];
  }

  /** The rows of the Voice Connector steps' queries, read from the tables (semi-joins by what their subquery names). */
  private answer(soql: string): Row[] {
    const str = (field: string, text = soql): string | undefined =>
      new RegExp(`${field.replace('.', '\\.')} = '([^']*)'`).exec(text)?.[1];
    const list = (field: string, text = soql): string[] => {
      const m = new RegExp(`\\b${field} IN \\(([^)]*)\\)`).exec(text);
      return m ? m[1].split(',').map((s) => s.trim().replace(/^'|'$/g, '')) : [];
    };
    const ci = (a: unknown, b: string | undefined): boolean => String(a).toLowerCase() === String(b).toLowerCase();
    const site = (name: string | undefined): Row | undefined => this.sites.find((s) => ci(s.Name, name));
    // The user a subquery names: by username, or the guest user of a site.
    const assignee = (): Row | undefined => {
      const guestOf = /SELECT GuestUserId FROM Site WHERE Name = '([^']*)'/.exec(soql)?.[1];
      if (guestOf !== undefined) return this.users.find((u) => u.Id === site(guestOf)?.GuestUserId);
      return this.users.find((u) => ci(u.Username, str('Username') ?? str('Assignee.Username')));
    };
    const profileSet = (p: Row): boolean =>
      p.IsOwnedByProfile === true && ci(this.profiles.find((x) => x.Id === p.ProfileId)?.Name, str('Profile.Name'));
    // The candidate sets of a grants query: by label or API name, and the profile's own.
    const candidate = (p: Row): boolean =>
      profileSet(p) ||
      (!p.IsOwnedByProfile && (list('Label').some((l) => ci(p.Label, l)) || list('Name').some((n) => ci(p.Name, n))));
    if (/FROM User WHERE Id IN \(SELECT GuestUserId/.test(soql)) {
      const guest = assignee();
      return guest ? [guest] : [];
    }
    if (/FROM PermissionSetAssignment WHERE AssigneeId IN/.test(soql)) {
      const who = assignee();
      return this.assignments
        .filter((a) => who && a.AssigneeId === who.Id)
        .map((a) => ({
          ...a,
          PermissionSet: {
            PermissionsApiEnabled:
              this.permissionSets.find((p) => p.Id === a.PermissionSetId)?.PermissionsApiEnabled === true,
          },
        }));
    }
    if (/FROM ObjectPermissions/.test(soql)) {
      const granted = this.objectPermissions.filter((o) => o.SobjectType === str('SobjectType') && o.PermissionsRead);
      if (/SELECT PermissionSetId FROM PermissionSetAssignment/.test(soql)) {
        const who = assignee();
        const ids = this.assignments.filter((a) => who && a.AssigneeId === who.Id).map((a) => a.PermissionSetId);
        return granted.filter((o) => ids.includes(o.ParentId));
      }
      return granted
        .map((o) => ({ o, set: this.permissionSets.find((p) => p.Id === o.ParentId) }))
        .filter(({ set }) => set && candidate(set))
        .map(({ o, set }) => ({ ParentId: o.ParentId, Parent: { IsOwnedByProfile: set!.IsOwnedByProfile === true } }));
    }
    if (/FROM PermissionSet WHERE PermissionsApiEnabled = true/.test(soql))
      return this.permissionSets
        .filter((p) => p.PermissionsApiEnabled === true && candidate(p))
        .map((p) => ({ Id: p.Id, IsOwnedByProfile: p.IsOwnedByProfile === true }));
    if (/FROM Site\b/.test(soql)) {
      if (!this.sitesEnabled)
        throw new SfError("Salesforce refused query: sObject type 'Site' is not supported.").setData({
          errorCode: 'INVALID_TYPE',
        });
      const name = str('Name');
      return this.sites.filter((s) => name === undefined || ci(s.Name, name));
    }
    if (/FROM SiteDetail/.test(soql)) return this.sites.map((s) => ({ DurableId: s.Id, SecureUrl: s.SecureUrl }));
    if (/FROM ApexPage/.test(soql))
      return this.pages.filter((p) => ci(p.Name, str('Name')!) && p.NamespacePrefix === null);
    if (/FROM User WHERE Username IN/.test(soql))
      return this.users.filter((u) => list('Username').some((n) => ci(u.Username, n)));
    if (/FROM User WHERE (Id|Username) =/.test(soql)) {
      return this.users
        .filter((u) => (/WHERE Id =/.test(soql) ? u.Id === str('Id') : ci(u.Username, str('Username') ?? '')))
        .map((u) => ({
          TimeZoneSidKey: 'Europe/Paris',
          LocaleSidKey: 'fr_FR',
          EmailEncodingKey: 'UTF-8',
          LanguageLocaleKey: 'fr',
          ...u,
        }));
    }
    if (/FROM Profile/.test(soql)) return this.profiles.filter((p) => ci(p.Name, str('Name')!));
    if (/FROM PermissionSet WHERE Label IN/.test(soql))
      return this.permissionSets.filter((p) => !p.IsOwnedByProfile && list('Label').some((l) => ci(p.Label, l)));
    if (/FROM PermissionSet WHERE Name IN/.test(soql))
      return this.permissionSets.filter((p) => !p.IsOwnedByProfile && list('Name').some((l) => ci(p.Name, l)));
    throw new Error(`fake org: unexpected query ${soql}`);
  }

  public async readMetadata(components: readonly MetadataComponent[]): Promise<CurrentState[]> {
    return components.map((c) => {
      const fields = this.metadata.get(`${c.type}:${c.fullName}`);
      return fields ? { exists: true, fields: fields as never } : { exists: false };
    });
  }

  public async upsertMetadata(
    type: string,
    items: ReadonlyArray<{ component: MetadataComponent; current: CurrentState }>,
  ): Promise<WriteOutcome[]> {
    return items.map(({ component, current }) => {
      this.writes.push({ kind: type, name: component.fullName, sent: component.fields });
      this.metadata.set(`${type}:${component.fullName}`, {
        ...(current.exists ? current.fields : {}),
        ...component.fields,
      });
      if (type === 'CustomSite' && !this.sites.some((s) => s.Name === component.fullName)) {
        const guestId = '005000000000009AAA';
        this.users.push({
          Id: guestId,
          Username: 'voiceconnector@acme.force.com',
          Name: 'VoiceConnector Site Guest User',
          IsActive: true,
          UserType: 'Guest',
        });
        const prefix = typeof component.fields.urlPathPrefix === 'string' ? component.fields.urlPathPrefix : null;
        this.sites.push({
          Id: '0DM000000000001AAA',
          Name: component.fullName,
          GuestUserId: guestId,
          Status: 'Active',
          UrlPathPrefix: prefix,
          SecureUrl: `https://acme.my.salesforce-sites.com${prefix ? `/${prefix}` : ''}`,
        });
      }
      return { success: true, created: !current.exists };
    });
  }

  public async readRecords(components: readonly RecordComponent[]): Promise<CurrentState[]> {
    return components.map((c): CurrentState => {
      if (c.sobject === 'PermissionSetAssignment') {
        const a = this.assignments.find(
          (x) => x.AssigneeId === c.match.AssigneeId && x.PermissionSetId === c.match.PermissionSetId,
        );
        return a ? { exists: true, id: String(a.Id), fields: {} } : { exists: false };
      }
      const u = this.users.find((x) => String(x.Username).toLowerCase() === String(c.match.Username).toLowerCase());
      return u
        ? {
            exists: true,
            id: String(u.Id),
            fields: { ProfileId: u.ProfileId as string, IsActive: u.IsActive as boolean },
          }
        : { exists: false };
    });
  }

  public async upsertRecord(component: RecordComponent, current: CurrentState): Promise<WriteOutcome> {
    this.writes.push({
      kind: component.sobject,
      name: component.name,
      sent: { ...component.match, ...component.fields },
    });
    const refused = this.refuseRecord?.(component);
    if (refused) return refused;
    if (component.sobject === 'PermissionSetAssignment') {
      this.assignments.push({ Id: `0Pa00000000000${this.assignments.length}AAA`, ...component.match });
    } else if (current.exists) {
      Object.assign(this.users.find((u) => u.Id === current.id)!, component.fields);
    } else {
      this.users.push({
        Id: `005000000000${100 + this.users.length}AAA`,
        ...component.match,
        ...component.fields,
        Name: 'ECI Integration',
      });
    }
    return { success: true, created: !current.exists };
  }

  public ctx(dryRun = false): StepContext {
    return {
      org: this as unknown as OrgPort,
      facts: this.facts,
      dryRun,
      handoff: {},
      requireSecret: () => Promise.reject(new Error('no secret here')),
    };
  }
}
