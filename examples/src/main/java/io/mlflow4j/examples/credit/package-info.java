/** Example: a credit-risk model run by ONNX Runtime, its {@code .onnx} file packaged as an artifact. */
package io.mlflow4j.examples.credit;
