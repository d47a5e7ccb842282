import { resourceModule } from '../generic/resource';
import { itemConfig } from './config';
import * as create from './create.operation';
import * as upsert from './upsert.operation';

export const { operations, description } = resourceModule(itemConfig, { create, upsert }, [
	'get',
	'getAll',
	'update',
	'deactivate',
	'reactivate',
]);
