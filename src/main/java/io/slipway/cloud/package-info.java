/**
 * The desired-vs-live engine, cloud-agnostic.
 *
 * <pre>
 * DesiredGraph graph = ...;                       // resources by logical id, with Refs between them
 * Engine engine = new Engine(kinds, classifier, 4);
 * Plan plan = engine.plan(graph);                 // finds (one batched find per kind), diffs; no writes
 * plan.summary().describe();                      // "3 to create, 1 to update, 0 to delete"
 * plan.pending(); plan.errors();                  // changes with fields; immutable refusals, shared mismatches
 * ApplyResult result = engine.apply(plan, listener);  // parallel, in dependency order, deletes last
 * result.isComplete(); result.needsHuman(); result.withStatus(WAITING); result.resources();
 * TeardownResult gone = engine.deleteAllOwned(graph.owner());   // everything tagged as owned, any spec
 * </pre>
 *
 * A {@link io.slipway.cloud.ResourceKind} per kind of resource knows find / diff / create / update / delete;
 * {@link io.slipway.cloud.Lifecycle#SHARED} resources are only validated. The engine keeps no state between
 * calls: every plan re-discovers live state by ownership marks, so a crash at any point is resumed by the next plan.
 */
package io.slipway.cloud;
