import type { Category, Compound, Member, Organization } from './api.types';
import { request } from './http.client';

type Items<T> = { items: T[] };

// Reference data changes rarely; one fetch per app session is enough.
const memo = new Map<string, Promise<unknown>>();
function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (!memo.has(key)) memo.set(key, load().catch((e) => (memo.delete(key), Promise.reject(e))));
  return memo.get(key) as Promise<T>;
}

export const orgApi = {
  categories: () => once('categories', () => request<Items<Category>>('GET', '/categories').then((r) => r.items)),
  compounds: () => once('compounds', () => request<Items<Compound>>('GET', '/org/compounds').then((r) => r.items)),
  companies: () => once('companies', () => request<Items<Organization>>('GET', '/org/companies').then((r) => r.items)),
  departments: () => once('departments', () => request<Items<Organization>>('GET', '/org/departments').then((r) => r.items)),
  members: (organizationId: number) =>
    request<Items<Member>>('GET', `/org/organizations/${organizationId}/members`).then((r) => r.items),
  /** After a login as someone else, scoped lists (compounds) must be fetched again. */
  forget: () => memo.clear(),
};
