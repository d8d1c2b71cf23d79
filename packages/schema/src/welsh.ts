/**
 * Where the Welsh tables sit once `registerWelsh()` (from `@hubkit/schema/cy`) has put them in
 * place. Internal: the English modules read it, so Welsh is never in their code.
 */
import type { GeneralMessage } from './messages.ts';

export interface WelshMessages {
  readonly fields: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly names: Readonly<Record<string, string>>;
  readonly general: Readonly<Record<string, GeneralMessage>>;
  readonly words: { readonly request: string; readonly field: string; readonly body: string };
}

export const welsh: {
  labels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  messages?: WelshMessages;
} = {};
