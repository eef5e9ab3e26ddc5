---
to: src/components/<%= name %>/<%= name %>.test.tsx
---
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { <%- name %> } from './<%- name %>';

describe('<%- name %>', () => {
  it('renders its title', () => {
    render(<<%- name %> title="Hello <%- name %>" />);
    expect(screen.getByText('Hello <%- name %>')).toBeTruthy();
  });

  it('toggles its body', () => {
    render(<<%- name %>>body of <%- h.changeCase.camel(name) %></<%- name %>>);
    expect(screen.queryByText('body of <%- h.changeCase.camel(name) %>')).toBeNull();
    fireEvent.click(screen.getByRole('button'));
    expect(screen.getByText('body of <%- h.changeCase.camel(name) %>')).toBeTruthy();
  });

  it('marks its root for tests', () => {
    render(<<%- name %> open />);
    expect(screen.getByTestId('<%- h.changeCase.param(name) %>')).toBeTruthy();
  });
});
