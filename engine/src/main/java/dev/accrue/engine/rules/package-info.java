/**
 * The loyalty program's rules: pure functions of (program, purchase, member facts, time); no I/O.
 *
 * <pre>
 *   Program (proto, config/program.json via ProgramFile)
 *      |  ProgramCompiler.compile: ProgramValidator + RuleValidator (every problem, by field path)
 *      v
 *   CompiledProgram ── RuleTable (index -> rule id)   TierLadder, QualifyingPeriod
 *      |               EarnTables (StringIndex lookups, CSR bonus lists, scope bit sets)
 *      |               ZoneOffsets + CivilCalendar (local time without java.time objects)
 *      |               PendingRule, ExpiryRule, BaseEarnRule
 *      v
 *   EarnCalculator.evaluate(Basket, MemberFacts, EarnBreakdown)   allocation-free, one per thread
 *      stages: exclusions -> base -> multipliers -> line bonuses -> basket bonuses -> CapTrimmer
 * </pre>
 *
 * The stacking order is documented in docs/program.md and on {@link dev.accrue.engine.rules.EarnCalculator}.
 */
package dev.accrue.engine.rules;
