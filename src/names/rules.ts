/**
 * The version of the name rules: what extraction reads as a person, and the keys and pivots it
 * gives them. An index holds the people its articles were read with when it was built, so an
 * index built under older rules holds older people: `ireum index` rebuilds it, as it does an
 * index of an older mapping (the mapping's `_meta.ireum_names_rules` carries this number).
 *
 * Bump it with any change to what the rules give. test/unit/names/rulesVersion.test.ts reads a
 * broad probe set (every spelling convention of generated people, the sample, the name fixtures)
 * and fails while its fingerprint differs from NAMES_RULES_FINGERPRINT, naming the new one.
 */
export const NAMES_RULES_VERSION = 16;

/** The probe set's fingerprint under NAMES_RULES_VERSION (see the test). */
export const NAMES_RULES_FINGERPRINT = '4f099e5c75e7b4da';
