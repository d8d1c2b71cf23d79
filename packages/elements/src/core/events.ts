/**
 * Every hubkit event bubbles and is composed, so a partner listens on the element or on any
 * ancestor (the document and the window too), through shadow roots; `detail` is typed per event
 * in `GlobalEventHandlersEventMap`, so `document.addEventListener(…)` knows it.
 */
export class HubEvent<D> extends CustomEvent<D> {
  constructor(type: `hub-${string}`, detail: D, options: { cancelable?: boolean } = {}) {
    super(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false });
  }
}

/**
 * The client's credential has expired (the hub answered 401): the page should get a new one.
 * Fired by the elements that read with a staff or report token (`<hub-referral-tracker>`,
 * `<hub-report>`).
 */
export class HubSessionExpiredEvent extends HubEvent<Record<string, never>> {
  constructor() {
    super('hub-session-expired', {});
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hub-session-expired': HubSessionExpiredEvent;
  }
}
