/**
 * {@code bin/thunder-ec2-bench}: launches and destroys clusters on a standalone local cloud in
 * another process, under EC2's API rate limits, and prints where the time goes. Not an API.
 */
package org.thunderproject.ec2.bench;
