// What template validation takes and reports. Pure types: no behaviour.
import type { JsonObject, Template } from '../types.ts';

export interface TemplateIssue {
  /** JSON pointer (RFC 6901) into the bundle. */
  path: string;
  message: string;
}

export interface TemplateCheckOptions {
  /** Effect type → JSON Schema of its params (the properties besides "type"). A string property with "x-ref": "<section>" must name a key of that template section. */
  effectTypes: Record<string, JsonObject>;
  /** Rule operators the rules engine knows (its defaults plus registered ones). */
  operators: string[];
  /** Fact names rules may use. */
  facts: string[];
}

export interface TemplateCheckResult {
  ok: boolean;
  errors: TemplateIssue[];
  warnings: TemplateIssue[];
  /** The bundle, typed, when there are no errors. */
  template?: Template;
}

/** Reports one issue at a JSON pointer into the bundle. */
export type Fail = (path: string, message: string) => void;
