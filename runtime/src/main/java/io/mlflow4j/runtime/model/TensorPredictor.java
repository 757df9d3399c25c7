package io.mlflow4j.runtime.model;

import io.mlflow4j.runtime.data.Params;
import io.mlflow4j.runtime.data.Tensor;
import java.util.List;

/** How a model whose signature is a tensor schema predicts: the half of {@link ModelAdapter} the loader calls for tensors. */
public interface TensorPredictor {
    /** Predicts on tensors that already passed enforcement, in schema order. */
    List<Tensor> predictTensors(List<Tensor> input, Params params) throws Exception;

    /** The model's {@code @InputExample} as tensors, or {@code null} when it has none. */
    List<Tensor> tensorExample();
}
