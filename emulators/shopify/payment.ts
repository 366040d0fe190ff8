/**
 * The card an order was paid with through Shopify Payments: the emulated shop's buyers all pay
 * with Visa's test card, so that transactions carry the payment details Shopify sends.
 */
import type { OrderRec } from './types.js';

export interface CardRec {
  bin: string;
  number: string;
  company: string;
  name: string | null;
  expirationMonth: number;
  expirationYear: number;
  paymentMethodName: string;
}

/** Gateways whose transactions are card payments (a manual gateway has no payment details). */
export const paidByCard = (gateway: string): boolean => gateway !== 'manual' && gateway !== 'cash';

export function cardOf(o: OrderRec): CardRec {
  const a = o.billingAddress;
  const name = a ? `${a.firstName} ${a.lastName}`.trim() : '';
  return {
    bin: '424242',
    number: '•••• •••• •••• 4242',
    company: 'Visa',
    name: name === '' ? null : name,
    expirationMonth: 12,
    expirationYear: new Date(o.processedAt).getUTCFullYear() + 3,
    paymentMethodName: 'visa',
  };
}

/** Shopify Payments' acquirer reference number of a refund (Visa and Mastercard only): 23 digits. */
export const acquirerReference = (transactionId: number): string => `74${String(transactionId).padStart(21, '0')}`;
