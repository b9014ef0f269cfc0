// The runtime aplus runs on: Docker's, building the node kinds' images. The
// runtime is handed the kinds' recipes here and knows no kind itself.
import { dockerRuntime, type ImageRecipes, type Runtime } from '../runtime/index';
import { prepareContext } from './image-context';
import { ROLES } from './kinds';

/** Each kind's image: its folder under images/ and the programs and addons it bundles. */
export const KIND_IMAGES: ImageRecipes = { roles: ROLES, context: prepareContext };

/** Exit 3 when no Docker engine answers. */
export const kindsRuntime = (): Promise<Runtime> => dockerRuntime(KIND_IMAGES);
