// The record shapes are the product's own (one definition for the emulator and the nodes).
export * from '../../../nodes/shared/sync/contract/schemas';
