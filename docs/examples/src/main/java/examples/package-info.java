/**
 * The samples of the README and of the manual in {@code docs/}. A page shows a region of a class here, between
 * {@code // tag::name[]} and {@code // end::name[]}, and names it in a marker on the line before its code block:
 * {@code <!-- sample: QuickStart.java#routes -->}. {@code DocsSamplesTest} fails the build when a block differs from
 * its region, so no sample can rot.
 */
package examples;
