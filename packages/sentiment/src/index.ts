export { createToneEngine, scoreTone, type ToneEngine, type ToneEngineOptions } from "./tone-engine";
export { DEFAULT_TONE_RULE_SETTINGS, type ToneRuleSettings } from "./tone-rules";
