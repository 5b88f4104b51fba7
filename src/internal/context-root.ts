import { ContextRoot } from '@lit/context';

// A consumer defined before its provider would otherwise miss the context: the root
// replays pending requests when a provider appears later (TOOLCHAIN trap 3).
const FLAG = Symbol.for('egov-context-root');
const doc = globalThis.document as (Document & { [FLAG]?: boolean }) | undefined;
if (doc && !doc[FLAG]) {
  doc[FLAG] = true;
  new ContextRoot().attach(doc.documentElement);
}
