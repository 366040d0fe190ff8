// @vitest-environment jsdom
/// <reference types="@shopify/ui-extensions/admin.order-details.block.render" />
import { getExtension } from '@shopify/ui-extensions-tester';
import { waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONNECTOR_URL } from '../src/connector';
import type { LookupAnswer } from '../src/connector';

const ORDER = 'gid://shopify/Order/5931282661421';
const link = (id: number) => ({
  classic: `https://ecm.example.com/otcs/cs.exe?func=ll&objId=${id}&objAction=browse`,
  smartView: `https://ecm.example.com/otcs/cs.exe/app/nodes/${id}`,
});
const ANSWER: LookupAnswer = {
  matches: [
    {
      resourceType: 'order',
      resourceId: '5931282661421',
      title: '#1187',
      workspaces: [
        {
          kind: 'order',
          nodeId: 41001,
          name: 'Order #1187 – Keystone Process Systems',
          workspaceType: 'Shopify Order',
          links: link(41001),
          documents: [
            {
              id: 41010,
              name: '#1187 confirmation.pdf',
              folder: 'Confirmation and Invoices',
              size: 18_432,
              modified: '2026-11-27T09:14:00Z',
              links: link(41010),
            },
          ],
        },
        {
          kind: 'case',
          nodeId: 42001,
          name: 'Return #1187-R1 – Order #1187',
          workspaceType: 'Shopify Case',
          links: link(42001),
          status: { Status: 'open' },
          documents: [],
        },
        {
          kind: 'product',
          nodeId: 43001,
          name: 'Industrial Valve X200',
          workspaceType: 'Shopify Product',
          links: link(43001),
          liveError: 'Content Server did not answer in time',
        },
      ],
    },
  ],
};

/** The admin block on the order details page, rendered by Shopify's own extension tester (no Shopify host). */
describe('admin.order-details.block.render: the order’s xECM workspaces', () => {
  const extension = getExtension('admin.order-details.block.render');
  beforeEach(() => {
    extension.setUp();
    extension.shopify.data.selected = [{ id: ORDER }];
    extension.shopify.auth.idToken = vi.fn().mockResolvedValue('session-token-abc');
  });
  afterEach(() => extension.tearDown());

  const text = () => document.body.textContent ?? '';

  it('shows a spinner while the connector answers', async () => {
    extension.fetch = vi.fn().mockReturnValue(new Promise(() => undefined));
    await extension.render();
    expect(document.body.querySelector('s-spinner')).not.toBeNull();
    expect(document.body.querySelector('s-admin-block')?.getAttribute('heading')).toBe('xECM workspaces');
  });

  it('asks the lookup API for this order with the admin’s session token, and lists its workspaces, case status and documents with links', async () => {
    const fetchMock = vi.fn().mockResolvedValue(new Response(JSON.stringify(ANSWER), { status: 200, headers: { 'content-type': 'application/json' } }));
    extension.fetch = fetchMock;
    await extension.render();
    await waitFor(() => expect(document.body.querySelectorAll('s-section')).toHaveLength(3));
    expect(fetchMock).toHaveBeenCalledWith(
      `${CONNECTOR_URL}/api/lookup?q=${encodeURIComponent(ORDER)}`,
      expect.objectContaining({ headers: expect.objectContaining({ authorization: 'Bearer session-token-abc' }) }),
    );
    const sections = [...document.body.querySelectorAll('s-section')];
    expect(sections.map((s) => s.getAttribute('heading'))).toEqual([
      'Order #1187 – Keystone Process Systems',
      'Return #1187-R1 – Order #1187',
      'Industrial Valve X200',
    ]);
    const links = [...document.body.querySelectorAll('s-link')].map((l) => [l.textContent, l.getAttribute('href')]);
    expect(links).toContainEqual(['Open in xECM', link(41001).smartView]);
    expect(links).toContainEqual(['#1187 confirmation.pdf', link(41010).smartView]);
    expect(text()).toContain('Confirmation and Invoices · 18 KB · 2026-11-27');
    expect([...(sections[1]?.querySelectorAll('s-badge') ?? [])].map((b) => b.textContent)).toEqual(['Case', 'open']);
    expect(sections[2]?.textContent).toContain('Documents unavailable: Content Server did not answer in time');
    expect(document.body.querySelector('s-spinner')).toBeNull();
  });

  it('says so when the order has no workspace yet', async () => {
    extension.fetch = vi.fn().mockResolvedValue(new Response(JSON.stringify({ matches: [] }), { status: 200 }));
    await extension.render();
    await waitFor(() => expect(text()).toContain('This order has no xECM workspace yet'));
    expect(document.body.querySelector('s-section')).toBeNull();
  });

  it('shows the connector’s refusal in a critical banner', async () => {
    extension.fetch = vi
      .fn()
      .mockResolvedValue(new Response(JSON.stringify({ error: 'the session token has expired', code: 'API_UNAUTHENTICATED' }), { status: 401 }));
    await extension.render();
    await waitFor(() => expect(document.body.querySelector('s-banner')).not.toBeNull());
    const banner = document.body.querySelector('s-banner');
    expect(banner?.getAttribute('tone')).toBe('critical');
    expect(banner?.textContent).toBe('The xECM connector answered 401: the session token has expired');
  });

  it('does not call the connector without a session token', async () => {
    extension.shopify.auth.idToken = vi.fn().mockResolvedValue(null);
    const fetchMock = vi.fn();
    extension.fetch = fetchMock;
    await extension.render();
    await waitFor(() => expect(document.body.querySelector('s-banner')?.textContent).toContain('no session token'));
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
