import { describeQboFault, parseQboFault } from '../../../../../nodes/shared/qbo/faults';

describe('QBO fault parsing (all three shapes Intuit sends)', () => {
	it('reads the V3 JSON Fault with several errors', () => {
		const fault = parseQboFault({
			Fault: {
				Error: [
					{
						Message: 'Duplicate Name Exists Error',
						Detail:
							'The name supplied already exists. : Another customer, vendor or employee is already using this name.',
						code: '6240',
						element: '',
					},
					{
						Message: 'String length is either shorter or longer than supported by specification',
						Detail:
							'String length specified does not match the supported length. Min:0 Max:100 supported. Supplied length:120',
						code: '2050',
						element: 'DisplayName',
					},
				],
				type: 'ValidationFault',
			},
			time: '2026-11-22T05:00:00.000-08:00',
		});
		expect(fault).toEqual({
			type: 'ValidationFault',
			errors: [
				expect.objectContaining({ code: '6240', message: 'Duplicate Name Exists Error' }),
				expect.objectContaining({ code: '2050', element: 'DisplayName' }),
			],
		});
		const text = describeQboFault(fault!);
		expect(text).toContain('QuickBooks error 6240 (ValidationFault): Duplicate Name Exists Error');
		expect(text).toContain('unique across Customers, Vendors and Employees');
		expect(text).toContain('Field: DisplayName');
		expect(text).toContain('Max:100 supported. Supplied length:120');
	});

	it('reads the lower-case gateway JSON (401 / 3200) and says to reconnect', () => {
		const body = JSON.stringify({
			warnings: null,
			fault: {
				error: [
					{
						message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
						detail: 'Token expired: eyJ...',
						code: '3200',
						element: null,
					},
				],
				type: 'AUTHENTICATION',
			},
			time: 1633520295688,
		});
		const fault = parseQboFault(body)!;
		expect(fault.errors[0]).toMatchObject({ code: '3200', element: '' });
		expect(describeQboFault(fault)).toMatch(
			/^QuickBooks error 3200 \(AUTHENTICATION\): AuthenticationFailed\. .*Fix: .*Reconnect/,
		);
	});

	it('reads the XML throttle fault QBO sends even to JSON requests', () => {
		const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<IntuitResponse time="2016-12-07T15:27:09.527-08:00" xmlns="http://schema.intuit.com/finance/v3">
  <Fault type="SERVICE">
    <Error code="3001">
      <Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>
      <Detail>The request limit was reached.  Try again later</Detail>
    </Error>
  </Fault>
</IntuitResponse>`;
		const fault = parseQboFault(xml)!;
		expect(fault).toEqual({
			type: 'SERVICE',
			errors: [
				{
					code: '3001',
					message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
					detail: 'The request limit was reached.  Try again later',
					element: '',
				},
			],
		});
		expect(describeQboFault(fault)).toContain('QuickBooks error 3001 (SERVICE): ThrottleExceeded');
	});

	it('returns nothing for bodies without a fault', () => {
		expect(parseQboFault({ CompanyInfo: {} })).toBeUndefined();
		expect(parseQboFault('plain text')).toBeUndefined();
		expect(parseQboFault('<html><body>Bad gateway</body></html>')).toBeUndefined();
		expect(parseQboFault(undefined)).toBeUndefined();
	});
});
