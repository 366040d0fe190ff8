import '@shopify/ui-extensions/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { humanSize, lookupOrder } from './connector';
import type { LookupWorkspace } from './connector';
import type { Api } from '@shopify/ui-extensions/admin.order-details.block.render';

/** The host's API for this target (the `shopify` global the admin provides). */
declare const shopify: Api;

/** admin.order-details.block.render: the order's xECM workspaces, cases and documents. */
export default async () => {
  render(<OrderWorkspaces />, document.body);
};

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; workspaces: LookupWorkspace[] };

const KIND_LABEL: Record<LookupWorkspace['kind'], string> = {
  order: 'Order',
  case: 'Case',
  account: 'Customer account',
  exception: 'Exception',
  product: 'Product',
};

function OrderWorkspaces() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    const orderGid = shopify.data.selected[0]?.id;
    if (!orderGid) {
      setState({ kind: 'error', message: 'No order is selected.' });
      return;
    }
    void (async () => {
      try {
        setState({ kind: 'ready', workspaces: await lookupOrder(orderGid, await shopify.auth.idToken()) });
      } catch (err) {
        setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    })();
  }, []);

  return (
    <s-admin-block heading="xECM workspaces">
      {state.kind === 'loading' && <s-spinner accessibilityLabel="Loading the order's xECM workspaces" />}
      {state.kind === 'error' && (
        <s-banner tone="critical" heading="xECM workspaces could not be loaded">
          {state.message}
        </s-banner>
      )}
      {state.kind === 'ready' && state.workspaces.length === 0 && (
        <s-paragraph>This order has no xECM workspace yet. One is made when the order meets a rule, or by a Flow workflow.</s-paragraph>
      )}
      {state.kind === 'ready' && state.workspaces.length > 0 && (
        <s-stack gap="base">
          {state.workspaces.map((w) => (
            <Workspace key={w.nodeId} workspace={w} />
          ))}
        </s-stack>
      )}
    </s-admin-block>
  );
}

function Workspace({ workspace: w }: { workspace: LookupWorkspace }) {
  const status = typeof w.status?.Status === 'string' ? w.status.Status : undefined;
  return (
    <s-section heading={w.name}>
      <s-stack direction="inline" gap="small-200">
        <s-badge>{KIND_LABEL[w.kind]}</s-badge>
        {status !== undefined && <s-badge tone={status === 'closed' || status === 'won' ? 'success' : 'info'}>{status}</s-badge>}
        <s-link href={w.links.smartView} target="_blank">
          Open in xECM
        </s-link>
      </s-stack>
      {w.liveError !== undefined && <s-text tone="caution">Documents unavailable: {w.liveError}</s-text>}
      {w.documents !== undefined && w.documents.length > 0 && (
        <s-unordered-list>
          {w.documents.map((d) => (
            <s-list-item key={d.id}>
              <s-link href={d.links.smartView} target="_blank">
                {d.name}
              </s-link>{' '}
              <s-text color="subdued">{[d.folder, humanSize(d.size), d.modified?.slice(0, 10)].filter((x) => x !== undefined && x !== '').join(' · ')}</s-text>
            </s-list-item>
          ))}
        </s-unordered-list>
      )}
    </s-section>
  );
}
