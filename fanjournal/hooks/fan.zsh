# fan prompt reminder for zsh, printed by `fan hook zsh`.
# Install: add  eval "$(fan hook zsh)"  to ~/.zshrc.  Silence it: export FAN_HOOK_DISABLE=1
# Before each prompt it reads a small state file that fan keeps up to date, with builtins only
# (the clock comes from zsh/datetime): no process starts at the prompt.
if [[ -o interactive ]]; then
    typeset -g __fan_state=@STATE@
    typeset -g __fan_shown=@SHOWN@
    typeset -g __fan_message=@MESSAGE@
    typeset -g __fan_every=@EVERY@
    zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null

    __fan_hook() {
        local ret=$?
        [[ ${FAN_HOOK_DISABLE-} == 1 ]] || __fan_remind
        return $ret
    }

    __fan_remind() {
        emulate -L zsh -o extendedglob
        local now=${FAN_HOOK_NOW-} magic='' k='' journal='' year='' config='' every='' message=''
        local risk='' last=0 stale='' kind=-1 i n IFS=$' \t\n'
        local -a w
        if [[ $now != <1-> ]]; then
            now=${EPOCHSECONDS:-$(command date +%s)}
        fi
        if [[ -r $__fan_state ]] && {
            read -r magic
            read -r k journal
            read -r k year
            read -r k config
            read -rA w
            read -r k every
            read -r k message
            read -r k risk
        } <$__fan_state && [[ $magic == 'fan-hook-state 1' && ${(j: :)w[2,-1]} == <->( <->)# &&
            $every == <1-> ]]; then
            # the journal or the config changed after the state was written: trust no "done"
            if [[ $journal -nt $__fan_state || $year -nt $__fan_state ||
                $config -nt $__fan_state ]]; then
                stale=1
            fi
            # w: "windows", the end of the weeks covered, then start end kind per working day
            if (( now >= w[2] )); then
                kind=0  # the state is too old to know: remind
            else
                n=$#w
                for (( i = 3; i + 2 <= n; i += 3 )); do
                    if (( now < w[i + 1] )); then
                        (( now >= w[i] )) && kind=${w[i+2]}
                        break
                    fi
                done
            fi
            [[ -z $stale ]] || (( kind < 0 )) || kind=0
            case $kind in
                (-1|1) return ;;
                (2) message=$risk ;;
            esac
        else
            message=$__fan_message every=$__fan_every
        fi
        if [[ -r $__fan_shown ]]; then
            read -r last <$__fan_shown
            [[ $last == <1-> ]] || last=0
        fi
        (( now - last >= every )) || return
        print -r -- $message
        print -r -- $now 2>/dev/null >|$__fan_shown
    }

    if [[ ! -e $__fan_state ]]; then
        @REFRESH@ >/dev/null 2>&1
    fi

    # First, so that what runs after (and the prompt) still sees the command's $?.
    () {
        emulate -L zsh
        typeset -ga precmd_functions
        (( ${precmd_functions[(Ie)__fan_hook]} )) ||
            precmd_functions=(__fan_hook "${precmd_functions[@]}")
    }
fi
