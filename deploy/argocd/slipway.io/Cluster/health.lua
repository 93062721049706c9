-- Argo CD health of a Slipway Cluster (slipway.io/v1alpha1), from its kstatus conditions.
-- First match wins:
--   0. Being deleted (metadata.deletionTimestamp): Degraded when Stalled=True, Suspended when spec.paused (the
--      teardown waits for it), else Progressing with the Ready condition's message (what remains in AWS).
--   1. Progressing  no status yet, or status.observedGeneration behind metadata.generation: the operator has not
--                   seen this spec, so nothing else in status speaks for it.
--   2. Degraded     Stalled=True: it cannot progress without a human (invalid spec, AccessDenied, quota), paused
--                   or not, because un-pausing would not fix it.
--   3. Suspended    spec.paused (nothing is read from or written to AWS), or spec.planOnly with a plan that is not
--                   applied (Ready not True): both wait for a human to change the spec. A plan-only Cluster that
--                   has nothing left to apply is Ready, so Healthy.
--   4. Progressing  Reconciling=True: work is in flight.
--   5. Healthy      Ready=True.
--   6. Progressing  anything else (Ready not yet True).
-- Written for Argo CD's Lua 5.1 with only the base, table and string libraries.

local function condition(conditions, type)
  if conditions == nil then
    return nil
  end
  for _, c in ipairs(conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end

local function isTrue(c)
  return c ~= nil and c.status == "True"
end

-- The first non-empty message of the given conditions, else the fallback.
local function messageOf(fallback, ...)
  for _, c in ipairs({...}) do
    if c ~= nil and c.message ~= nil and c.message ~= "" then
      return c.message
    end
  end
  return fallback
end

local hs = {}
local status = obj.status
local generation = obj.metadata.generation
local conditions = status ~= nil and status.conditions or nil
local ready = condition(conditions, "Ready")
local reconciling = condition(conditions, "Reconciling")
local stalled = condition(conditions, "Stalled")
local paused = obj.spec ~= nil and obj.spec.paused == true

if obj.metadata.deletionTimestamp ~= nil then
  -- The API server moves metadata.generation when it marks the object for deletion; from then on status describes
  -- the teardown, so a generation lag means nothing here.
  if isTrue(stalled) then
    hs.status = "Degraded"
    hs.message = messageOf("Stalled", stalled, ready)
  elseif paused then
    hs.status = "Suspended"
    hs.message = messageOf("Pending deletion; spec.paused is true", ready)
  else
    hs.status = "Progressing"
    hs.message = messageOf("Pending deletion", ready)
  end
  return hs
end
if status == nil or status.observedGeneration == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Slipway operator to report status"
  return hs
end
if generation ~= nil and status.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the Slipway operator to observe generation " .. tostring(generation)
      .. " (status is of generation " .. tostring(status.observedGeneration) .. ")"
  return hs
end
if isTrue(stalled) then
  hs.status = "Degraded"
  hs.message = messageOf("Stalled", stalled, ready)
  return hs
end
if paused then
  hs.status = "Suspended"
  hs.message = messageOf("spec.paused is true", reconciling)
  return hs
end
if obj.spec ~= nil and obj.spec.planOnly == true and not isTrue(ready) then
  hs.status = "Suspended"
  hs.message = messageOf("spec.planOnly is true: the plan is published in status.plan, nothing is applied", ready)
  return hs
end
if isTrue(reconciling) then
  hs.status = "Progressing"
  hs.message = messageOf("Reconciling", reconciling, ready)
  return hs
end
if isTrue(ready) then
  hs.status = "Healthy"
  hs.message = messageOf("Ready", ready)
  return hs
end
hs.status = "Progressing"
hs.message = messageOf("Waiting for the Cluster to become Ready", ready)
return hs
