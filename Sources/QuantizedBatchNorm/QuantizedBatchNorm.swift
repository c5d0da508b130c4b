// The QuantizedBatchNorm module.
