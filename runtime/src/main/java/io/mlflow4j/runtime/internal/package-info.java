/**
 * Not API. Helpers every layer uses: Python-compatible JSON, YAML and float formatting, atomic
 * file writes, staging folders, MLflow's naming rules, versions. Public only so other runtime
 * packages can call them; may change in any release.
 */
package io.mlflow4j.runtime.internal;
