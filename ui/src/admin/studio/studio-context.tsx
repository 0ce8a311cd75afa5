// What every studio panel shares: the draft, how to change it, the template as loaded, the last findings.
import { createContext, useContext } from 'react';
import type { Template } from '../../../../plugin/core/types';
import type { Finding } from '../issues';

export interface Option {
  value: string;
  label: string;
}

export interface Studio {
  draft: Template;
  /** The version the studio opened; parts not in it are new and may be renamed or removed. */
  original: Template;
  update: (change: (draft: Template) => void) => void;
  findings: Finding[];
  roleOptions: Option[];
  stateOptions: Option[];
}

export const StudioContext = createContext<Studio | null>(null);

export function useStudio(): Studio {
  const s = useContext(StudioContext);
  if (!s) throw new Error('useStudio outside the studio');
  return s;
}
