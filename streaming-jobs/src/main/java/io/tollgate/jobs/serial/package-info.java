/**
 * Serializers for what the CDR job moves between tasks and keeps in checkpoints, where Flink's defaults showed in
 * profiles: strings written a character at a time through the checkpoint stream, records written field by field
 * through reflection. Each writes its whole value in a few bulk calls. Changing one makes earlier checkpoints and
 * savepoints of the state it serializes unreadable, so its snapshot class keeps its name.
 */
package io.tollgate.jobs.serial;
