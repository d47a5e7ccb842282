import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { readSyncToken } from '../../../shared/qbo/sparse-update';
import { checkEmail, QboValidationError } from '../../../shared/qbo/validate';
import { locatorValue } from '../locator';
import { asNodeError, qboCaller, qboRequest } from '../../../shared/qbo/transport';
import { optionalText } from '../../../shared/node-parameters';
import { invoiceIdField, invoiceOutput } from './fields';
import { knownVersionField } from './update.operation';

export const description: INodeProperties[] = [
	invoiceIdField(['delete', 'void', 'send', 'pdf']),
	knownVersionField(['delete', 'void']),
	{
		displayName: 'Send To',
		name: 'sendTo',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description:
			'E-mail address; empty: the invoice’s Bill Email. Sandbox companies may send 40 e-mails a day.',
		displayOptions: { show: { resource: ['invoice'], operation: ['send'] } },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the PDF in',
		displayOptions: { show: { resource: ['invoice'], operation: ['pdf'] } },
	},
];

async function idAndToken(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<{ Id: string; SyncToken: string }> {
	const id = locatorValue(context, 'invoiceId', itemIndex);
	const known = optionalText(context, 'knownSyncVersion', itemIndex);
	try {
		return {
			Id: id,
			SyncToken: known ?? (await readSyncToken(qboCaller(context, itemIndex), 'Invoice', id)),
		};
	} catch (error) {
		throw asNodeError(context.getNode(), error, itemIndex);
	}
}

/** Transactions are really deleted in QuickBooks; the output keeps the ID so the app can unlink it. */
export const remove = {
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const { body } = await qboRequest.call(this, {
			method: 'POST',
			path: 'invoice',
			qs: { operation: 'delete' },
			body: await idAndToken(this, itemIndex),
			itemIndex,
		});
		return [{ json: body.Invoice as IDataObject, pairedItem: { item: itemIndex } }];
	},
};

/** A voided invoice stays in QuickBooks with its amounts zeroed. */
export const voidInvoice = {
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const { body } = await qboRequest.call(this, {
			method: 'POST',
			path: 'invoice',
			qs: { operation: 'void' },
			body: await idAndToken(this, itemIndex),
			itemIndex,
		});
		return [invoiceOutput(this, body.Invoice as IDataObject, itemIndex)];
	},
};

export const send = {
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const id = locatorValue(this, 'invoiceId', itemIndex);
		let sendTo: string | undefined;
		try {
			sendTo = checkEmail('Send To', this.getNodeParameter('sendTo', itemIndex, ''));
		} catch (error) {
			throw asNodeError(
				this.getNode(),
				error instanceof QboValidationError
					? new Error(`Item ${itemIndex}: ${error.message}`)
					: error,
				itemIndex,
			);
		}
		const { body } = await qboRequest.call(this, {
			method: 'POST',
			path: `invoice/${encodeURIComponent(id)}/send`,
			qs: sendTo ? { sendTo } : {},
			headers: { 'Content-Type': 'application/octet-stream' },
			// Retries of this call share one requestid (no second e-mail); a later, deliberate resend sends again.
			itemIndex,
		});
		return [invoiceOutput(this, body.Invoice as IDataObject, itemIndex)];
	},
};

export const pdf = {
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const id = locatorValue(this, 'invoiceId', itemIndex);
		const field = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
		const { binary } = await qboRequest.call(this, {
			method: 'GET',
			path: `invoice/${encodeURIComponent(id)}/pdf`,
			headers: { Accept: 'application/pdf' },
			binary: true,
			itemIndex,
		});
		const data = await this.helpers.prepareBinaryData(
			binary ?? Buffer.alloc(0),
			`invoice-${id}.pdf`,
			'application/pdf',
		);
		return [
			{
				json: { invoiceId: id, bytes: binary?.length ?? 0 },
				binary: { [field]: data },
				pairedItem: { item: itemIndex },
			},
		];
	},
};
