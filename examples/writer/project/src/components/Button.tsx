import type { ReactNode } from 'react';

export interface ButtonProps {
  label: string;
  onClick?: () => void;
  children?: ReactNode;
}

export function Button({ label, onClick, children }: ButtonProps) {
  return (
    <button type="button" className="btn" onClick={onClick}>
      {label}
      {children}
    </button>
  );
}
