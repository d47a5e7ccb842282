/** What a QuickBooks call costs in Intuit's classes: CorePlus reads are metered, Core writes are not. */
import { QboMeter, spendOf } from '../../../../../nodes/shared/qbo/meter';

describe('QuickBooks call metering', () => {
	it('counts reads, queries (GET or POST), CDC and PDFs as metered reads, and writes as free writes', () => {
		expect(spendOf({ method: 'GET', path: 'customer/12' })).toEqual({ reads: 1, writes: 0 });
		expect(spendOf({ method: 'GET', path: 'cdc?entities=Customer' })).toEqual({
			reads: 1,
			writes: 0,
		});
		expect(spendOf({ method: 'POST', path: 'query', body: 'select * from Customer' })).toEqual({
			reads: 1,
			writes: 0,
		});
		expect(spendOf({ method: 'GET', path: 'invoice/7/pdf' })).toEqual({ reads: 1, writes: 0 });
		expect(spendOf({ method: 'POST', path: 'customer', body: { DisplayName: 'A' } })).toEqual({
			reads: 0,
			writes: 1,
		});
		expect(spendOf({ method: 'POST', path: 'invoice?operation=delete' })).toEqual({
			reads: 0,
			writes: 1,
		});
	});

	it('counts a batch item by item, by what each asked, leaving out the items QuickBooks refused', () => {
		const request = {
			method: 'POST',
			path: 'batch',
			body: {
				BatchItemRequest: [
					{ bId: '1', operation: 'create', Customer: {} },
					{ bId: '2', operation: 'create', Customer: {} },
					{ bId: '3', Query: 'select * from Item' },
					{ bId: '4', CDCQuery: { entities: 'Item' } },
				],
			},
		};
		const response = {
			BatchItemResponse: [
				{ bId: '1', Customer: {} },
				{ bId: '2', Fault: { Error: [{ code: '6240' }] } },
				{ bId: '3', QueryResponse: {} },
				{ bId: '4', CDCResponse: [] },
			],
		};
		expect(spendOf(request, response)).toEqual({ reads: 2, writes: 1 });
		expect(
			spendOf({ ...request, body: JSON.stringify(request.body) }, JSON.stringify(response)),
		).toEqual({ reads: 2, writes: 1 });
	});

	it('adds up a run as the summary reports it', () => {
		const meter = new QboMeter();
		meter.add({ reads: 2, writes: 0 });
		meter.add({ reads: 0, writes: 5 });
		expect(meter.summary).toEqual({ qboReads: 2, qboWrites: 5 });
	});
});
