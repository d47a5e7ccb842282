/** What the QuickBooks Sync Engine node shows on the canvas: a readable subtitle for every resource and operation. */
import { OPERATION_LABELS, QuickBooksSyncEngine, RESOURCE_LABELS } from '../../nodes/QuickBooksSyncEngine/QuickBooksSyncEngine.node';

const properties = new QuickBooksSyncEngine().description.properties;
const valuesOf = (name: string) => properties.filter((p) => p.name === name).flatMap((p) => ((p.options ?? []) as Array<{ value: string }>).map((o) => o.value));

it('labels every resource and operation in the subtitle ("Push to QuickBooks: invoices", never "push: invoice")', () => {
	expect(valuesOf('resource').filter((r) => !RESOURCE_LABELS[r])).toEqual([]);
	expect([...new Set(valuesOf('operation'))].filter((o) => !OPERATION_LABELS[o])).toEqual([]);
	expect(new QuickBooksSyncEngine().description.subtitle).toContain('"push":"Push to QuickBooks"');
});
