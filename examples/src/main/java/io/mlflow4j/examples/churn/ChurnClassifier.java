package io.mlflow4j.examples.churn;

import io.mlflow4j.annotations.Artifact;
import io.mlflow4j.annotations.InputExample;
import io.mlflow4j.annotations.Load;
import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Param;
import io.mlflow4j.annotations.Predict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Customer churn from a gradient-boosted tree ensemble trained with XGBoost4J. The artifact is
 * XGBoost's own model file (UBJSON), the one {@code xgboost.Booster().load_model} reads in Python.
 */
@MlflowModel(name = "churn-xgboost", description = "Probability that a subscription customer leaves (XGBoost)")
public class ChurnClassifier {

    /** The booster file, saved by XGBoost; packaged under artifacts/booster.ubj. */
    @Artifact("booster.ubj")
    Path booster;

    private Booster model;

    @Load
    void load() throws XGBoostError {
        model = XGBoost.loadModel(booster.toString());
    }

    @Predict
    public List<ChurnPrediction> predict(
            List<Customer> customers, @Param(name = "threshold", defaultValue = "0.5") double threshold)
            throws XGBoostError {
        float[] data = new float[customers.size() * Customer.FEATURES];
        for (int i = 0; i < customers.size(); i++) {
            System.arraycopy(customers.get(i).features(), 0, data, i * Customer.FEATURES, Customer.FEATURES);
        }
        // inplace_predict is XGBoost's thread-safe prediction path: no DMatrix to build or free.
        float[][] scores = model.inplace_predict(data, customers.size(), Customer.FEATURES, Float.NaN);
        List<ChurnPrediction> predictions = new ArrayList<>(customers.size());
        for (float[] score : scores) {
            predictions.add(new ChurnPrediction(score[0] >= threshold, score[0]));
        }
        return predictions;
    }

    @InputExample
    static List<Customer> example() {
        return List.of(new Customer(2, 95.0, 4, false), new Customer(48, 40.0, 0, true));
    }

    /** The booster's training parameters, also logged as the run's params. */
    static Map<String, Object> trainingParams() {
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "binary:logistic");
        params.put("eval_metric", "logloss");
        params.put("max_depth", 3);
        params.put("eta", 0.3);
        params.put("seed", 7);
        params.put("nthread", 1);
        return params;
    }

    /**
     * Trains on {@code customers} labelled 1 (left) or 0 (stayed) for {@code rounds} boosting
     * rounds, saves the booster to {@code boosterFile} and returns the model using it.
     */
    static ChurnClassifier train(List<Customer> customers, float[] labels, int rounds, Path boosterFile)
            throws XGBoostError {
        float[] data = new float[customers.size() * Customer.FEATURES];
        for (int i = 0; i < customers.size(); i++) {
            System.arraycopy(customers.get(i).features(), 0, data, i * Customer.FEATURES, Customer.FEATURES);
        }
        DMatrix train = new DMatrix(data, customers.size(), Customer.FEATURES, Float.NaN);
        try {
            train.setLabel(labels);
            Booster trained = XGBoost.train(train, trainingParams(), rounds, Map.of(), null, null);
            trained.saveModel(boosterFile.toString());
            trained.dispose();
        } finally {
            train.dispose();
        }
        ChurnClassifier model = new ChurnClassifier();
        model.booster = boosterFile;
        model.load();
        return model;
    }
}
