import { HubProvider } from '../provider/hub-provider.ts';

if (!customElements.get('hub-provider')) customElements.define('hub-provider', HubProvider);
