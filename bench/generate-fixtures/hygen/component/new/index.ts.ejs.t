---
to: src/components/<%= name %>/index.ts
---
export { <%- name %>, default } from './<%- name %>';
export type { <%- name %>Props } from './<%- name %>';
