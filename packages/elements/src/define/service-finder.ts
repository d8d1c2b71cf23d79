import { HubServiceFinder } from '../service-finder/service-finder.ts';

if (!customElements.get('hub-service-finder')) customElements.define('hub-service-finder', HubServiceFinder);
