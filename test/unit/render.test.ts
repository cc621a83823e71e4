import { expect } from 'chai';
import { renderComponents, renderNextSteps } from '../../src/cli/render.js';
import type { ComponentResult } from '../../src/model/component.js';

const r = (over: Partial<ComponentResult>): ComponentResult => ({
  type: 'AuthProvider',
  name: 'Ring_Central',
  label: 'RingCentral auth provider',
  action: 'create',
  status: 'created',
  changes: [],
  ...over,
});

describe('render', () => {
  it('shows a dry-run plan with what would happen and the changed fields', () => {
    const text = renderComponents(
      [
        r({
          action: 'update',
          status: 'planned',
          changes: [{ field: 'defaultScopes', current: 'openid', desired: 'ReadCallRecording' }],
        }),
      ],
      true,
    ).join('\n');
    expect(text).to.include('Plan (dry run)');
    expect(text).to.include('will update');
    expect(text).to.include('defaultScopes: openid → ReadCallRecording');
    expect(text).to.include('nothing was written');
  });

  it('says when nothing changed', () => {
    expect(renderComponents([r({ action: 'unchanged', status: 'unchanged' })], false).join('\n')).to.include(
      'nothing was written',
    );
  });

  it('shows a failure with its status code', () => {
    expect(
      renderComponents(
        [r({ status: 'failed', error: { statusCode: 'DUPLICATE_DEVELOPER_NAME', message: 'suffix used' } })],
        false,
      ).join('\n'),
    ).to.include('DUPLICATE_DEVELOPER_NAME: suffix used');
  });

  it('numbers next steps with their URL', () => {
    expect(renderNextSteps([{ title: 'Do it', url: 'https://x.io' }])).to.deep.equal([
      '',
      'Next steps (only a person can do these, in a browser):',
      '  1. Do it',
      '     https://x.io',
    ]);
  });
});
