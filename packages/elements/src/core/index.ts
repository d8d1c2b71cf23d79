export { HubElement, clientFor } from './hub-element.ts';
export { HubFormElement } from './hub-form-element.ts';
export { hubContext, type HubConfig, type HubTheme } from './context.ts';
export { HubEvent } from './events.ts';
export { langOf, defineMessages, common, type Catalogue, type Catalogues, type Message } from './locale.ts';
export { tokens } from './styles.ts';
export { fieldStyles } from './field-styles.ts';
export * from './fields.ts';
