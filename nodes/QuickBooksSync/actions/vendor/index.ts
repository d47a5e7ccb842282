import { resourceModule } from '../generic/resource';
import * as create from './create.operation';
import { vendorConfig } from './config';

export const { operations, description } = resourceModule(vendorConfig, { create }, [
	'get',
	'getAll',
	'update',
	'deactivate',
	'reactivate',
]);
