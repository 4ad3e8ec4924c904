# fan prompt reminder for fish, printed by `fan hook fish`.
# Install: add  fan hook fish | source  to ~/.config/fish/config.fish.
# Silence it: set -gx FAN_HOOK_DISABLE 1
# Before each prompt it reads a small state file that fan keeps up to date, with builtins only
# (fish 3.5 or newer tells the time with `path mtime`; older fish runs one `date`).
if status is-interactive
    set -g __fan_state @STATE@
    set -g __fan_quiet @QUIET@
    set -g __fan_message @MESSAGE@
    set -g __fan_every @EVERY@

    function __fan_hook --on-event fish_prompt
        test "$FAN_HOOK_DISABLE" = 1; and return
        set -l now $FAN_HOOK_NOW
        if not string match -qr '^[1-9][0-9]*$' -- "$now"
            if builtin -q path
                # a file's mtime plus its age in seconds is the time now
                set -l m (path mtime -- /; path mtime -R -- /)
                set now (math $m[1] + $m[2])
            else
                set now (command date +%s)
            end
        end
        set -l magic
        set -l k
        set -l journal
        set -l year
        set -l config
        set -l every
        set -l until
        set -l message
        set -l risk
        set -l followup1
        set -l followups
        set -l w
        set -l kind -1
        set -l due 0
        set -l ok
        # the state file, as fan wrote it: see fanjournal/reminder.py. Everything is read with
        # builtins, and without command substitutions (each costs fish a pipe and a thread).
        if test -r $__fan_state
            begin
                if read magic; and read -d ' ' k journal; and read -d ' ' k year
                    and read -d ' ' k config; and read -d ' ' k every; and read -d ' ' k until
                    and read -d ' ' k message; and read -d ' ' k risk
                    and read -d ' ' k followup1; and read -d ' ' k followups
                    and test "$magic" = 'fan-hook-state 2'
                    and not string match -qvr '^[1-9][0-9]*$' -- "$every" "$until"
                    set ok 1
                    if test $now -ge $until
                        set kind 0 # the state is too old to know: remind
                    else
                        # one line per working day: start, end, kind, follow-ups due; find the
                        # one that holds now
                        while read -a -d ' ' w
                            test "$w[1]" = window; and set -q w[5]; or break
                            not string match -qvr '^[0-9]+$' -- $w[2..5]; or break
                            if test $now -lt $w[3]
                                test $now -ge $w[2]; and set kind $w[4]; and set due $w[5]
                                break
                            end
                        end
                    end
                end
            end <$__fan_state
        end
        if set -q ok[1]
            # the journal or the config changed after the state was written: trust no "done"
            # and no follow-up count
            if test $kind -gt 0 -o $due -gt 0
                for watched in $journal $year $config
                    if test -n "$watched"; and test "$watched" -nt $__fan_state
                        set kind 0
                        set due 0
                    end
                end
            end
            # nothing due now, or a fan is logged today and no follow-up is due
            if test $kind -lt 0; or test $kind -eq 1 -a $due -eq 0
                return
            end
        else
            set message $__fan_message
            set every $__fan_every
        end
        # one line per remind_every, across all shells
        set -l quiet 0
        if test -f $__fan_quiet
            read quiet <$__fan_quiet
            string match -qr '^[1-9][0-9]*$' -- "$quiet"; or set quiet 0
        end
        test $now -ge $quiet; or return
        switch $kind
            case 1
                set message
            case 2
                set message $risk
        end
        if test $due -gt 0
            set -l note $followups
            test $due -eq 1; and set note $followup1
            if set -q message[1]
                printf '%s · ' $message
            else
                printf 'fan: '
            end
            # the note with its count: `string replace` prints it (no command substitution)
            string replace -a -- @N@ $due $note
        else
            printf '%s\n' $message
        end
        if test -f $__fan_quiet -a -w $__fan_quiet; or not test -e $__fan_quiet
            math $now + $every >$__fan_quiet
        end
    end

    if not test -e $__fan_state
        @REFRESH@ >/dev/null 2>&1
    end
end
